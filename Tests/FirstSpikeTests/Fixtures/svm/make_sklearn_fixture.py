"""Generates sklearn_linearsvc.json: a small 3-class problem and the weights scikit-learn's
LinearSVC (LIBLINEAR dual solver, intercept_scaling = bias feature B = 1) finds for it.
Run once with scikit-learn installed; the Swift tests only read the JSON."""
import json
import numpy as np
import sklearn
from sklearn.svm import LinearSVC

rng = np.random.default_rng(2018)
n, d, k = 60, 8, 3
# Values are multiples of 1/4 in [0, 2] (exact in Float32), ~40 % zeros.
x = rng.integers(0, 9, size=(n, d)) / 4.0
x[rng.random((n, d)) < 0.4] = 0
true_w = rng.normal(size=(k, d))
scores = x @ true_w.T
scores -= scores.mean(axis=0)  # roughly balanced classes
y = np.argmax(scores + 0.5 * rng.normal(size=(n, k)), axis=1)

cases = []
for loss, c in [("squared_hinge", 0.5), ("hinge", 2.4)]:
    svc = LinearSVC(C=c, loss=loss, dual=True, tol=1e-9, max_iter=1_000_000,
                    fit_intercept=True, intercept_scaling=1.0, random_state=0)
    svc.fit(x, y)
    cases.append({"loss": loss, "C": c,
                  "weights": svc.coef_.tolist(), "bias": svc.intercept_.tolist(),
                  "trainAccuracy": float(svc.score(x, y))})

json.dump({"generator": f"scikit-learn {sklearn.__version__} LinearSVC, make_sklearn_fixture.py",
           "classes": k, "dimension": d, "x": x.tolist(), "y": y.tolist(), "cases": cases},
          open("sklearn_linearsvc.json", "w"), indent=None)
print([c["trainAccuracy"] for c in cases], np.bincount(y))
