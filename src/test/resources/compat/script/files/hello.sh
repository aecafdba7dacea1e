#!/bin/sh
echo "args: $*"
echo "first: $1"
echo "pwd: $(pwd)"
echo "to stderr" >&2
echo "$1" >> /opt/script-out.txt
