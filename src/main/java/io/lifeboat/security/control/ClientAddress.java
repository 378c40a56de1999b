package io.lifeboat.security.control;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a request came from: the peer address, or, when the peer is a trusted proxy
 * ({@code lifeboat.security.trusted-proxies}), the last address in X-Forwarded-For that is not one
 * of the trusted proxies. A header from anyone else is ignored, so a client cannot pick its address.
 */
public record ClientAddress(Set<String> trustedProxies) {

    public static ClientAddress trusting(String commaSeparated) {
        return new ClientAddress(Arrays.stream(commaSeparated == null ? new String[0] : commaSeparated.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    public String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trustedProxies.contains(hops.get(i))) {
                return hops.get(i);
            }
        }
        return peer;
    }
}
