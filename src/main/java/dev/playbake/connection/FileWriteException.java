package dev.playbake.connection;

/**
 * The container refused a file write (its directory cannot be made, the file system is read-only or full): the
 * task that wrote fails, as Ansible's module would; the container and the connection are fine.
 */
public class FileWriteException extends RuntimeException {

    public FileWriteException(String message) {
        super(message);
    }
}
