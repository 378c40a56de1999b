package io.lifeboat.testing;

/** Keys made unusable on purpose, from keys generated at test time, so that no fixture holds key material. */
public final class DamagedKeys {

    private DamagedKeys() {
    }

    /** The key with a checksum that no longer matches: its last Bech32 character changed. */
    public static String withOtherLastCharacter(String key) {
        char last = key.charAt(key.length() - 1);
        char other = Character.toLowerCase(last) == 'q' ? 'p' : 'q';
        return key.substring(0, key.length() - 1) + (Character.isUpperCase(last) ? Character.toUpperCase(other) : other);
    }
}
