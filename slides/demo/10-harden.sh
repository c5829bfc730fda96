# 10-harden: a container that cannot take over its host (sourced by capture.sh)
section caps
show 'mydocker run busybox grep Cap /proc/self/status'
show 'mydocker run --privileged busybox grep CapEff /proc/self/status'
section escapes
show "mydocker run busybox sh -c 'echo 11 > /proc/sys/kernel/printk_ratelimit_burst'"
show "mydocker run busybox sh -c 'wc -c < /proc/keys; mount -t tmpfs x /mnt; dmesg'"
section seccomp
show 'mydocker run busybox grep -E "NoNewPrivs|Seccomp:" /proc/self/status'
show "mydocker run busybox unshare -U true; echo \"exit status \$?\""
show "mydocker run --security-opt seccomp=unconfined busybox unshare -U true; echo \"exit status \$?\""
section pids
show 'mydocker run --pids-limit 20 busybox cat /sys/fs/cgroup/pids/pids.max'
show "mydocker run --pids-limit 3 busybox sh -c 'sleep 1 & sleep 1 & sleep 1 & wait'"
section exec
show 'mydocker run -d --name app busybox sleep 1000'
quiet 'sleep 0.3'
show 'mydocker exec app grep -E "CapEff|NoNewPrivs|Seccomp:" /proc/self/status'
section probe
show 'chapters/10-harden/probe.sh 08-env 10-harden | cut -c1-120'
section errors
show "mydocker run --cap-add SYS_EVERYTHING busybox true; echo \"exit status \$?\""
