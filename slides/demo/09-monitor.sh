# 09-monitor: a monitor per container (sourced by capture.sh)
section run
show "mydocker run -d --name job busybox sh -c 'sleep 1; exit 3'"
show 'mydocker wait job'
show 'mydocker ps'
section tree
show 'mydocker run -d --name web busybox sleep 1000'
show 'ps -o pid,ppid,sid,rss,stat,comm -p $(jq .monitor.pid $MYDOCKER_RUN/web/config.json),$(jq .pid $MYDOCKER_RUN/web/config.json)'
section stop
show 'mydocker stop -t 0 web; mydocker wait web'
section before
quiet 'build/08-env/mydocker run -d --name by08 busybox sh -c "exit 3"'
quiet 'mydocker run -d --name by09 busybox sh -c "exit 3"'
quiet 'sleep 0.5'
show 'build/08-env/mydocker ps | grep -E "^ID|by0"'
show 'mydocker ps | grep -E "^ID|by0"'
section rm
# sleep 1: wait finds it running; the monitor removes it once wait has
# its code, a moment after wait returns.
show "mydocker run -d --rm --name tmp busybox sh -c 'sleep 1; exit 5'"
show 'mydocker wait tmp'
quiet 'sleep 0.5'
show 'ls $MYDOCKER_RUN'
section inspect
show 'mydocker inspect job | jq ".[0] | {Id, Name, State}"'
section tail
show "mydocker run -d --name count busybox sh -c 'for i in 1 2 3 4 5; do echo line \$i; done; sleep 1000'"
quiet 'sleep 0.5'
show 'mydocker logs --tail 2 count'
section faults
show 'mydocker run -d --name lost busybox sleep 1000'
show 'kill -KILL $(jq .monitor.pid $MYDOCKER_RUN/lost/config.json); sleep 0.2; mydocker ps | grep lost'
show 'kill -KILL $(jq .pid $MYDOCKER_RUN/lost/config.json); sleep 0.2; mydocker ps | grep lost'
show 'mydocker wait lost; echo "exit status $?"'
show 'mydocker wait nosuch; echo "exit status $?"'
