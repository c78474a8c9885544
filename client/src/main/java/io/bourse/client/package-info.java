/** The Java client for Bourse's public REST and WebSocket API. */
package io.bourse.client;
