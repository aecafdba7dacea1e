#!/bin/sh
echo "setup $1"
echo "$1" > /srv/app/script.txt
