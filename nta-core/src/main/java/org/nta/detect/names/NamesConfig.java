package org.nta.detect.names;

/**
 * Name-resolution poisoning thresholds.
 *
 * @param minForeignNames distinct names one host answers for, other than its own, from which it poisons
 * @param followWindowSec an authentication from the asker to the answering host this soon after the answer is what
 *                        the answer led to
 * @param maxResponders   hosts answering broadcast or multicast name queries that are tracked
 * @param maxNames        names tracked (their owners and who answered them)
 * @param maxListed       answers and credentials listed per finding
 */
public record NamesConfig(int minForeignNames, long followWindowSec, int maxResponders, int maxNames, int maxListed) {
    public static final NamesConfig DEFAULTS = new NamesConfig(2, 300, 1024, 16_384, 32);
}
