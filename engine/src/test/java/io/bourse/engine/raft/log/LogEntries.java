package io.bourse.engine.raft.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Log entries and storage options for the log storage tests: an entry's data reads "entry <index>". */
final class LogEntries {
    private LogEntries() {}

    static LogEntry data(long index, long term) {
        LogEntry entry = new LogEntry(EntryType.ENTRY_TYPE_DATA);
        entry.setId(new LogId(index, term));
        entry.setData(ByteBuffer.wrap(("entry " + index).getBytes(StandardCharsets.UTF_8)));
        return entry;
    }

    static String text(LogEntry entry) {
        ByteBuffer data = entry.getData().slice();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static LogStorageOptions options(String groupId, ConfigurationManager configurations) {
        return GroupLogStorage.options(groupId, configurations, LogEntryV2CodecFactory.getInstance());
    }

    /** A group's storage in {@code log}, started as SOFAJRaft starts it. */
    static GroupLogStorage open(NodeRaftLog log, String groupId, ConfigurationManager configurations) {
        GroupLogStorage group = log.group(groupId, false);
        assertThat(group.init(options(groupId, configurations))).isTrue();
        return group;
    }
}
