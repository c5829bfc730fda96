# 00-run: a process in a box (sourced by capture.sh)
section inside
show "mydocker run --name bird busybox sh -c 'hostname; echo \"my PID: \$\$\"; ps'"
section mounts
show "mydocker run busybox cut -d' ' -f1-3 /proc/mounts"
section status
show "mydocker run -m 32m busybox awk 'BEGIN { s = \"x\"; while (1) s = s s }'; echo \"exit status \$?\""
show 'mydocker run busybox nosuchcmd; echo "exit status $?"'
show 'mydocker run busybx true; echo "exit status $?"'
section cleanup
show 'ls $MYDOCKER_ROOT/containers | wc -l'
