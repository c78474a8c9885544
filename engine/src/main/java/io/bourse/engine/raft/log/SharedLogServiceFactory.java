package io.bourse.engine.raft.log;

import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;

/** SOFAJRaft's services as by default, except that a group's log lives in its node's shared {@link NodeRaftLog}. */
public final class SharedLogServiceFactory extends DefaultJRaftServiceFactory {
    private final NodeRaftLog nodeLog;
    private final String groupId;

    public SharedLogServiceFactory(NodeRaftLog nodeLog, String groupId) {
        this.nodeLog = nodeLog;
        this.groupId = groupId;
    }

    @Override
    public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
        return nodeLog.group(groupId, raftOptions.isSync());
    }
}
