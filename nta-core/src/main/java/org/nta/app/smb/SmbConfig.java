package org.nta.app.smb;

/**
 * Limits of the SMB parser (SMB1, SMB2/3 and the NetBIOS session service that frames them).
 *
 * @param maxMessageBytes   largest NBSS message buffered whole (SMB2 reads and writes carry up to 8 MiB); a larger
 *                          one is skipped and counted ({@code smb.message_too_large})
 * @param maxPending        requests awaiting their response per connection; past it the oldest is answered as
 *                          unknown and counted ({@code smb.pending_limit})
 * @param maxOpenFiles      open files (and trees, and sessions) remembered per connection ({@code smb.open_file_limit})
 * @param maxFileBytes      bytes of each rebuilt file kept in the {@code TransferredFile} event; 0 keeps none (the
 *                          hash and size are still computed)
 * @param maxOutOfOrderBytes bytes of a file written or read ahead of its next expected offset held until the gap is
 *                          filled; past it the file is hashed no further and marked incomplete
 * @param maxCompound       messages of one compounded chain (NextCommand); more are counted ({@code smb.compound_limit})
 */
public record SmbConfig(int maxMessageBytes, int maxPending, int maxOpenFiles, int maxFileBytes, int maxOutOfOrderBytes,
                        int maxCompound) {
    public static final SmbConfig DEFAULTS = new SmbConfig(16 << 20, 1024, 4096, 16 << 20, 16 << 20, 64);

    public SmbConfig {
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        if (maxPending < 1 || maxOpenFiles < 1 || maxCompound < 1) throw new IllegalArgumentException("limits must be positive");
        if (maxFileBytes < 0 || maxOutOfOrderBytes < 0) throw new IllegalArgumentException("byte limits must not be negative");
    }
}
