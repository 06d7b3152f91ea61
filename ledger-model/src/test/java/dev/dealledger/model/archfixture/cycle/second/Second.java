package dev.dealledger.model.archfixture.cycle.second;

import dev.dealledger.model.archfixture.cycle.first.First;

/** The other half of a deliberate package cycle, for the test that proves the no-cycles rule can fail. */
public final class Second {
    First first;
}
