# 01-detach: a container is a process (sourced by capture.sh)
section detach
show 'mydocker run -d busybox sleep 4242'
quiet 'sleep 0.3'
show "ps -o pid,ppid,sid,stat,args -p \$(pgrep -xf 'sleep 4242')"
show "readlink /proc/\$\$/ns/pid /proc/\$(pgrep -xf 'sleep 4242')/ns/pid"
section errors
show 'mydocker run -d busybox nosuchcmd; echo "exit status $?"'
show 'mydocker run -d -it busybox sh; echo "exit status $?"'
