#!/bin/bash
# Sweep mozafari2019-stage3-slurm: 4 trials of /work/wt-sweeps/scratch/moz-slurm, written by firstspike sweep --slurm.
# Each task runs one trial (SLURM_ARRAY_TASK_ID); see /work/wt-sweeps/scratch/moz-slurm/trials/NNNN/log.txt.
#SBATCH --job-name=firstspike-mozafari2019-stage3-slurm
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --ntasks=1
#SBATCH --output=/work/wt-sweeps/scratch/moz-slurm/slurm/%A_%a.out
#SBATCH --open-mode=append
#SBATCH --requeue

# Parallel loops use the task's CPUs; the trial saves and exits 143 on SIGTERM (scancel, preemption, time limit).
export FIRSTSPIKE_THREADS="${SLURM_CPUS_PER_TASK:-1}"
exec '/work/wt-sweeps/scratch/bin/firstspike-new' sweep-trial '/work/wt-sweeps/scratch/moz-slurm'
