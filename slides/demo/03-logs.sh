# 03-logs: where a detached container's output goes (sourced by capture.sh)
section follow
show "mydocker run -d --name talker busybox sh -c 'for i in 1 2 3; do echo out \$i; echo err \$i >&2; sleep 1; done'"
show 'time mydocker logs -f talker'
section file
show 'ls -l $MYDOCKER_RUN/talker/'
show 'mydocker logs talker | head -2'
section errors
show 'mydocker logs nobody; echo "exit status $?"'
