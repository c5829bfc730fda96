# 04-exec: entering a running container (sourced by capture.sh)
section exec
show "mydocker run -d --name web -m 64m busybox sh -c 'echo hi > /tmp/mark; sleep 1000'"
quiet 'sleep 0.5'
show "mydocker exec web sh -c 'hostname; cat /tmp/mark; ps'"
section more
show "mydocker exec web printf '[%s]\\n' 'a b'"
show 'mydocker exec web grep memory /proc/self/cgroup'
show 'mydocker exec web sh -c "exit 3"; echo "exit status $?"'
section errors
show 'mydocker run -d --name done busybox true'
quiet 'sleep 0.5'
show 'mydocker exec done true; echo "exit status $?"'
