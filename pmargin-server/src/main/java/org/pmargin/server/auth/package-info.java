/** Authentication and roles of the margin service: API keys stored as SHA-256 hashes, and what each role may do. */
package org.pmargin.server.auth;
