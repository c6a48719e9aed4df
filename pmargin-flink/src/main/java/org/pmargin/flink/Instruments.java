package org.pmargin.flink;

import java.util.concurrent.ConcurrentHashMap;
import org.pmargin.core.instrument.DeribitSymbols;
import org.pmargin.core.instrument.Instrument;

/** Instruments by Deribit symbol, parsed once per JVM: state and records carry symbols, the models instruments. */
final class Instruments {

  private static final ConcurrentHashMap<String, Instrument> BY_SYMBOL = new ConcurrentHashMap<>();

  private Instruments() {
  }

  static Instrument parse(String symbol) {
    return BY_SYMBOL.computeIfAbsent(symbol, DeribitSymbols::parse);
  }
}
