echo "failing"
exit 3
