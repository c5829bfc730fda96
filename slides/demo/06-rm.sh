# 06-rm: cleaning up (sourced by capture.sh)
section rm
show 'mydocker run -d --name web -m 64m busybox sleep 1000'
setvar ID 'jq -r .id $MYDOCKER_RUN/web/config.json'
show 'ls -d /sys/fs/cgroup/*/mydocker/$ID $MYDOCKER_ROOT/containers/$ID $MYDOCKER_RUN/web'
show 'mydocker rm web; echo "exit status $?"'
show 'mydocker rm -f web'
show 'ls -d /sys/fs/cgroup/*/mydocker/$ID $MYDOCKER_ROOT/containers/$ID $MYDOCKER_RUN/web'
section names
show 'mydocker run -d --name web busybox true'
quiet 'sleep 0.5'
show 'mydocker rm web nobody; echo "exit status $?"'
show 'mydocker ps'
