package dev.socketeer.server.customers;

import dev.socketeer.server.ServerTest;

/** Customers end to end on the shared test application (H2 in memory). */
@ServerTest
class H2CustomersEndToEndTest extends CustomersEndToEndTest {}
