package io.bourse.engine.query;

import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.PositionView;
import java.util.List;

/**
 * An account's balances per asset (cash is asset 0, in cents), its open orders and the cost basis
 * and realized P&L of every instrument it has traded.
 */
public record AccountView(long accountId, List<Balance> balances, List<OrderView> openOrders, List<PositionView> positions) {

    public record Balance(int asset, long balance, long held) {
        public long available() {
            return balance - held;
        }
    }

    public Balance balance(int asset) {
        return balances.stream().filter(b -> b.asset() == asset).findFirst().orElse(new Balance(asset, 0, 0));
    }
}
