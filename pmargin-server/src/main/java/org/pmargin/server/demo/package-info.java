/**
 * {@code pmargin serve --demo}: the demo population loaded into the service as logged events, then a real crash
 * window replayed live through the market route.
 */
package org.pmargin.server.demo;
