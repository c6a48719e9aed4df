/** The HTTP/JSON API (Javalin): accounts, deposits, withdrawals, fills, market updates, margin, the calculator. */
package org.pmargin.server.api;
