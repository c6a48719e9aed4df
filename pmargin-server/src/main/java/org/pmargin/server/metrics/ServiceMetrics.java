package org.pmargin.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pmargin.core.margin.HealthState;
import org.pmargin.data.Json;
import org.pmargin.engine.event.AccountMargin;
import org.pmargin.server.service.Command;
import org.pmargin.server.service.MarginService;
import org.pmargin.server.service.SequencerObserver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's metrics in a Prometheus registry (served at {@code /metrics}, docs/API.md "Metrics"): the engine's
 * re-margin latency per event type, accounts by health state, the event-log lag, commit latency and batch size,
 * the market's age and degraded underlyings, liquidations by mechanism and outcome, and refused requests by status
 * and error code. It observes the sequencer ({@link SequencerObserver}); the HTTP layer reports refusals.
 */
public final class ServiceMetrics implements SequencerObserver {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MarginService service;
  private final String mechanism;
  private final Map<String, Timer> remargin = new ConcurrentHashMap<>();
  private final Map<String, Double> degraded = new ConcurrentHashMap<>();
  private final Timer commit;
  private final DistributionSummary batch;
  private volatile long lastMarketMillis = System.currentTimeMillis();
  private volatile Map<HealthState, Long> states = new EnumMap<>(HealthState.class);
  private volatile long statesAt;

  /**
   * Registers the meters and observes the service's sequencer.
   *
   * @param service  the service
   * @param mechanism  the liquidation mechanism's name, for the liquidation counters
   */
  public ServiceMetrics(MarginService service, String mechanism) {
    this.service = service;
    this.mechanism = mechanism;
    commit = Timer.builder("pmargin_event_log_commit").description("event-log transaction time per batch")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    batch = DistributionSummary.builder("pmargin_event_log_batch_size").description("events per committed batch")
        .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(100_000.0).register(registry);
    Gauge.builder("pmargin_event_log_last_applied_sequence", service, MarginService::lastSequence)
        .description("the last sequence applied to the engine").register(registry);
    Gauge.builder("pmargin_event_log_last_committed_sequence", service, MarginService::lastCommitted)
        .description("the last sequence committed to the log").register(registry);
    Gauge.builder("pmargin_event_log_lag_events", service, s -> s.lastSequence() - s.lastCommitted())
        .description("events applied but not yet committed").register(registry);
    Gauge.builder("pmargin_sequencer_queue_requests", service, MarginService::queued)
        .description("requests waiting for the sequencer").register(registry);
    Gauge.builder("pmargin_writes_refused", service, s -> s.refusingWrites() ? 1 : 0)
        .description("1 while writes are refused (the log failed, the engine is being rebuilt)").register(registry);
    Gauge.builder("pmargin_market_age_seconds", this, m -> (System.currentTimeMillis() - m.lastMarketMillis) / 1e3)
        .description("seconds since the last accepted market update (or the service's start)").register(registry);
    Gauge.builder("pmargin_market_as_of_seconds", service, s -> s.engine().snapshot().asOf().toEpochMilli() / 1e3)
        .description("the market snapshot's time, epoch seconds").register(registry);
    Gauge.builder("pmargin_market_version", service, s -> s.engine().snapshot().version())
        .description("the market snapshot's version").register(registry);
    Gauge.builder("pmargin_risk_parameters_version", service, s -> s.parameters().version())
        .description("the risk-parameter version in force").register(registry);
    Gauge.builder("pmargin_liquidation_paused", service, s -> s.engine().liquidationPaused() ? 1 : 0)
        .description("1 while an admin has paused liquidation").register(registry);
    for (HealthState h : HealthState.values()) {
      Gauge.builder("pmargin_accounts", this, m -> m.count(h)).tag("state", h.name().toLowerCase(Locale.ROOT))
          .description("accounts by health state").register(registry);
    }
    service.observe(this);
  }

  /** The registry (for tests and further meters). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The scrape, Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Counts a refused request.
   *
   * @param status  the HTTP status
   * @param code  the error code of the answer ({@code invalid_input}, {@code rate_limited}, …)
   */
  public void rejected(int status, String code) {
    Counter.builder("pmargin_requests_rejected").description("requests refused, by status and error code")
        .tag("status", Integer.toString(status)).tag("code", code).register(registry).increment();
  }

  /**
   * Counts an attestation by venue and verdict ({@code pmargin_attestations_total}); the venue label is the
   * registered venue's id, {@code unregistered} for any other (so forged ids cannot grow the label set), {@code -}
   * for a body that is not an attestation.
   *
   * @param venue  the venue label
   * @param verdict  the verdict's code, or {@code malformed}
   */
  public void attestation(String venue, String verdict) {
    Counter.builder("pmargin_attestations").description("attestations by venue and verdict (accepted or why not)")
        .tag("venue", venue).tag("verdict", verdict).register(registry).increment();
  }

  @Override
  public void applied(Command command, long nanos, ObjectNode answer) {
    if (command.type().equals("attestation")) {
      String venue = Json.parse(command.payload()).get("venue").stringValue();
      boolean known = service.engine().venue(venue).isPresent();
      JsonNode verdict = answer.get("verdict");
      attestation(known ? venue : "unregistered", verdict == null ? "invalid" : verdict.stringValue());
    }
    remargin.computeIfAbsent(command.type(), t -> Timer.builder("pmargin_remargin").tag("event", t)
        .description("engine time per event (apply, re-margin, liquidation)").publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(Duration.ofNanos(nanos));
    if (!answer.get("accepted").asBoolean()) {
      return;
    }
    if (command.type().equals("market")) {
      lastMarketMillis = System.currentTimeMillis();
      JsonNode d = Json.parse(command.payload()).get("degraded");
      Set<String> now = new java.util.HashSet<>();
      if (d != null) {
        d.forEach(x -> now.add(x.stringValue()));
      }
      for (String u : now) {
        if (!degraded.containsKey(u)) {
          Gauge.builder("pmargin_feed_degraded", degraded, m -> m.getOrDefault(u, 0.0)).tag("underlying", u)
              .description("1 when the last market update marked the underlying degraded").register(registry);
        }
      }
      degraded.replaceAll((u, v) -> 0.0);
      now.forEach(u -> degraded.put(u, 1.0));
    }
    count(answer, "liquidations", "step");
    count(answer, "bankruptcies", "bankrupt");
    count(answer, "liquidation_failures", "failed");
  }

  private void count(ObjectNode answer, String field, String outcome) {
    JsonNode list = answer.get(field);
    if (list == null || list.isEmpty()) {
      return;
    }
    for (JsonNode n : list) {
      String kind = n.has("kind") ? n.get("kind").stringValue() : "-";
      Counter.builder("pmargin_liquidations").description("liquidation outcomes: steps booked (by kind), "
          + "bankruptcies, failures").tag("mechanism", mechanism).tag("outcome", outcome).tag("kind", kind)
          .register(registry).increment();
    }
  }

  @Override
  public void committed(int events, long nanos, long lastSequence) {
    if (events > 0) {
      commit.record(Duration.ofNanos(nanos));
      batch.record(events);
    }
  }

  /** Accounts in a state, counted at most once a second (a scrape reads every state). */
  private long count(HealthState h) {
    long now = System.currentTimeMillis();
    if (now - statesAt > 1000 || statesAt == 0) {
      Map<HealthState, Long> m = new EnumMap<>(HealthState.class);
      for (AccountMargin a : service.engine().margins()) {
        m.merge(a.health().state(), 1L, Long::sum);
      }
      states = m;
      statesAt = now;
    }
    return states.getOrDefault(h, 0L);
  }
}
