package org.pmargin.engine.event;

/**
 * An input of the real-time engine. The engine applies events one at a time, in the order given, and the same
 * sequence of events always gives the same results, bit for bit.
 */
public sealed interface EngineEvent permits Deposit, Withdrawal, Fill, MarketUpdate, ModelChange,
    LiquidationControl, AttestationReceived, VenueRegistration {
}
