/** The service's Prometheus metrics (Micrometer): re-margin and commit latencies, health states, lag, rejections. */
package org.pmargin.server.metrics;
