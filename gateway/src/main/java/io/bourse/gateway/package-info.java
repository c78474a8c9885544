/** The stateless tier: Bourse's public REST and WebSocket API in front of the engine cluster. */
package io.bourse.gateway;
