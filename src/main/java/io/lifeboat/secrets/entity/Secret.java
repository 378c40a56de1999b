package io.lifeboat.secrets.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A password kept in the catalog, encrypted; only its alias is ever shown. */
@Entity
@Table(name = "secrets")
public class Secret {

    @Id
    private String alias;

    @Column(nullable = false)
    private byte[] ciphertext;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Secret() {
    }

    public Secret(String alias, byte[] ciphertext) {
        this.alias = alias;
        replace(ciphertext);
    }

    public void replace(byte[] newCiphertext) {
        this.ciphertext = newCiphertext.clone();
        this.updatedAt = OffsetDateTime.now();
    }

    public String alias() {
        return alias;
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
