package com.whatsdex.shared;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State kept for the current transaction only, as one of its synchronizations: found again by whoever registered it,
 * and gone with the transaction. Nothing is bound to the thread, so a transaction that ends unusually cannot leave
 * it behind for the next one.
 */
public final class TransactionScoped {

    private TransactionScoped() {}

    /**
     * The current transaction's synchronization of {@code type} that {@code mine} accepts, registered from
     * {@code create} when it has none yet. Needs an active transaction synchronization.
     */
    public static <S extends TransactionSynchronization> S find(
            Class<S> type, Predicate<? super S> mine, Supplier<? extends S> create) {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (type.isInstance(registered) && mine.test(type.cast(registered))) {
                return type.cast(registered);
            }
        }
        S created = create.get();
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }
}
