package io.bourse.core.shard;

/** What a credential may do, as bits: a login session may do everything, an API key what its owner chose. */
public final class Scopes {
    /** See balances, orders, fills and positions. */
    public static final int READ = 1;
    /** Place, amend and cancel orders. */
    public static final int TRADE = 2;
    /** Everything else an owner does: move money, manage API keys, log out. Only login sessions have it. */
    public static final int ACCOUNT = 4;
    public static final int ALL = READ | TRADE | ACCOUNT;

    private Scopes() {}

    public static boolean valid(int scopes) {
        return scopes != 0 && (scopes & ~ALL) == 0;
    }

    public static boolean allows(int granted, int needed) {
        return (granted & needed) == needed;
    }

    /** Whether a credential with these scopes is a login session (only sessions have {@link #ACCOUNT}). */
    public static boolean isSession(int scopes) {
        return allows(scopes, ACCOUNT);
    }
}
