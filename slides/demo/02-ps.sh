# 02-ps: state on disk (sourced by capture.sh)
section ps
show 'mydocker run -d --name web busybox sleep 1000'
show 'mydocker run -d busybox true'
quiet 'sleep 0.5'
show 'mydocker ps'
section record
show 'cat $MYDOCKER_RUN/web/config.json'
section starttime
show "awk '{ print \$22 }' /proc/\$(jq .pid \$MYDOCKER_RUN/web/config.json)/stat"
section names
show 'mydocker run -d --name web busybox true; echo "exit status $?"'
show 'mydocker run -d --name ../x busybox true; echo "exit status $?"'
show 'mydocker ps -q'
