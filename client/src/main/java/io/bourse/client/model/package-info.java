/**
 * The JSON shapes of Bourse's public API, shared by the gateway that writes them and the client
 * that reads them. Money and prices are decimal strings ("101.25") so no client ever rounds them
 * through a binary float; share quantities are whole numbers; ids are strings.
 */
package io.bourse.client.model;
