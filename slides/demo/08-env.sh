# 08-env: the container's environment (sourced by capture.sh)
section run
show "SECRET=host-only mydocker run -d --name app -e GREETING='hello world' -e SECRET -e 'OPTS=a=1 b=2' busybox sleep 1000"
quiet 'sleep 0.5'
show 'mydocker exec app env'
section environ
show "tr '\\0' '\\n' < /proc/\$(jq .pid \$MYDOCKER_RUN/app/config.json)/environ"
show 'env -i MYDOCKER_ROOT=$MYDOCKER_ROOT MYDOCKER_RUN=$MYDOCKER_RUN build/08-env/mydocker exec app env | grep -c GREETING'
section before
show 'build/07-commit/mydocker exec app env'
section errors
show "mydocker run -e '=x' busybox true; echo \"exit status \$?\""
section help
show 'mydocker help'
