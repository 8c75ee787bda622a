package dev.ess.runtime;

import dev.ess.runtime.bus.BusConnection;
import dev.ess.runtime.delivery.CircuitBreaker;
import dev.ess.runtime.delivery.ParkedEventSink;
import dev.ess.runtime.delivery.RecentOutcomes;
import dev.ess.runtime.delivery.RetryPolicy;
import dev.ess.runtime.delivery.SentLog;
import dev.ess.runtime.store.Journal;

/**
 * What every partition of a running connector shares: one partner (its circuit and retry
 * rules), one journal and sent-log, one bus connection, and the secrets to keep out of reasons.
 */
record DeliveryParts<P, Q>(
        SoapConnector<P, Q, ?> connector,
        ConnectorSpec spec,
        RuntimeConfig config,
        Journal journal,
        BusConnection bus,
        CircuitBreaker breaker,
        RetryPolicy policy,
        SentLog sentLog,
        ParkedEventSink parkedEvents,
        DeliveryObserver observer,
        RecentOutcomes outcomes,
        Redaction redaction) {}
