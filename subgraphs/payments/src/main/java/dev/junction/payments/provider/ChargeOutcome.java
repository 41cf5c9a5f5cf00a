package dev.junction.payments.provider;

/**
 * The provider's answer to a charge.
 *
 * @param reference the provider's charge id (null when declined)
 * @param declineReason why the card was declined (null when captured)
 */
public record ChargeOutcome(boolean captured, String reference, String declineReason) {}
