# 05-stop: ending a container (sourced by capture.sh)
section stubborn
show 'mydocker run -d --name stubborn busybox sleep 1000'
show 'time mydocker stop -t 2 stubborn'
section polite
show "mydocker run -d --name polite busybox sh -c 'trap \"exit 0\" TERM; while :; do sleep 0.1; done'"
quiet 'sleep 0.5'
show 'time mydocker stop polite'
section ps
show 'mydocker run -d --name quick busybox true'
quiet 'sleep 0.5'
show 'mydocker ps'
show 'mydocker stop quick nobody; echo "exit status $?"'
