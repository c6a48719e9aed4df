package org.pmargin.server.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pmargin.core.market.MarketSnapshot;
import org.pmargin.core.market.UnderlyingMarket;
import org.pmargin.core.validation.Checks;
import org.pmargin.core.validation.InvalidInputException;
import org.pmargin.engine.oracle.JsonLinesFeed;
import org.pmargin.engine.oracle.PriceFeed;
import org.pmargin.engine.oracle.PriceTick;
import org.pmargin.engine.oracle.SyntheticRandomWalkFeed;

/**
 * The price feeds {@code pmargin serve --feed} takes: a JSON-lines tick file ({@link JsonLinesFeed}, ticks stamped
 * in market time), or {@code synthetic}: a seeded random walk per underlying of the market, three sources each,
 * one tick a second from the market's time (a live-looking feed for trying the service).
 */
public final class Feeds {

  private Feeds() {
  }

  /**
   * The feed an option names.
   *
   * @param spec  {@code synthetic} or a file path
   * @param market  the service's market (the synthetic walk starts at its indices and time)
   * @param seed  the synthetic walk's seed
   * @return the feed
   * @throws InvalidInputException naming {@code feed} when the file cannot be opened
   */
  public static PriceFeed named(String spec, MarketSnapshot market, long seed) {
    Checks.notBlank(spec, "feed");
    if (spec.equals("synthetic")) {
      return synthetic(market, seed);
    }
    Path file = Path.of(spec);
    try {
      return new JsonLinesFeed(Files.newBufferedReader(file), file.toString());
    } catch (IOException e) {
      throw new InvalidInputException("feed", "cannot read the tick file " + file + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new InvalidInputException("feed", "cannot read the tick file " + file + ": " + e.getMessage());
    }
  }

  /** A random walk per underlying (3 sources, 1 s steps, 0.05% a step, 0.02% source noise). */
  public static PriceFeed synthetic(MarketSnapshot market, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    List<PriceFeed> feeds = new ArrayList<>();
    for (UnderlyingMarket m : market.underlyings().values()) {
      feeds.add(new SyntheticRandomWalkFeed(SyntheticRandomWalkFeed.Spec.clean(m.underlying(), 3, market.asOf(),
          Duration.ofSeconds(1), m.index(), 0.0005, 0.0002), root.split()));
    }
    return merged(feeds);
  }

  /** Several feeds as one (each polled in turn, ticks merged in time order). */
  public static PriceFeed merged(List<PriceFeed> feeds) {
    List<PriceFeed> all = List.copyOf(feeds);
    return new PriceFeed() {
      @Override
      public List<PriceTick> poll(Instant upTo) {
        List<PriceTick> out = new ArrayList<>();
        for (PriceFeed f : all) {
          out.addAll(f.poll(upTo));
        }
        out.sort(java.util.Comparator.comparing(PriceTick::timestamp));
        return out;
      }

      @Override
      public boolean exhausted() {
        return all.stream().allMatch(PriceFeed::exhausted);
      }
    };
  }
}
