#!/bin/bash
# Sweep slurm-test: 4 trials of /tmp/firstspike-slurm-test/sweep, written by firstspike sweep --slurm.
# Each task runs one trial (SLURM_ARRAY_TASK_ID); see /tmp/firstspike-slurm-test/sweep/trials/NNNN/log.txt.
#SBATCH --job-name=firstspike-slurm-test
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --ntasks=1
#SBATCH --output=/tmp/firstspike-slurm-test/sweep/slurm/%A_%a.out
#SBATCH --open-mode=append
#SBATCH --requeue

# Parallel loops use the task's CPUs; the trial saves and exits 143 on SIGTERM (scancel, preemption, time limit).
export FIRSTSPIKE_THREADS="${SLURM_CPUS_PER_TASK:-1}"
exec '/work/wt-sweeps/.build/x86_64-unknown-linux-gnu/release/firstspike' sweep-trial '/tmp/firstspike-slurm-test/sweep'
