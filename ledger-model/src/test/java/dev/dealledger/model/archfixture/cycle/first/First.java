package dev.dealledger.model.archfixture.cycle.first;

import dev.dealledger.model.archfixture.cycle.second.Second;

/**
 * Half of a deliberate package cycle, for the test that proves the no-cycles rule can fail. The model, the command and the
 * query service each carry this pair on purpose: each proves its own rules.
 */
public final class First {
    Second second;
}
