# 07-commit: each container's own file system, and images from it
section layers
show "mydocker run -d --name a busybox sh -c 'echo from a > /tmp/f; sleep 1000'"
show "mydocker run -d --name b busybox sh -c 'echo from b > /tmp/f; sleep 1000'"
quiet 'sleep 0.5'
show 'mydocker exec a cat /tmp/f; mydocker exec b cat /tmp/f'
show 'cat $MYDOCKER_ROOT/containers/*/upper/tmp/f; ls $MYDOCKER_ROOT/layers/busybox/tmp | wc -l'
section commit
show 'mydocker commit a with-f'
show 'mydocker stop -t 0 b && mydocker commit b with-f-b'
show 'ls $MYDOCKER_ROOT/images'
show 'mydocker run with-f cat /tmp/f; mydocker run with-f-b cat /tmp/f'
show 'mydocker commit a with-f; echo "exit status $?"'
section rm
show 'mydocker rm -f a b'
show 'ls $MYDOCKER_ROOT/containers; grep -c $MYDOCKER_ROOT /proc/self/mountinfo'
