package io.lifeboat.runs.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.security.SecureRandom;

/** This Lifeboat process, as runs name it: host name plus a random suffix per start. */
@ApplicationScoped
public class Instance {

    private final String id;

    public Instance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        this.id = host + "-" + HexFormat.of().formatHex(suffix);
    }

    public String id() {
        return id;
    }
}
