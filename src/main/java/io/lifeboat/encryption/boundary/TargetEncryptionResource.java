package io.lifeboat.encryption.boundary;

import io.lifeboat.api.Problem;
import io.lifeboat.encryption.control.X25519Recipient;
import io.lifeboat.encryption.control.TargetEncryptions;
import io.lifeboat.encryption.entity.TargetEncryption;
import io.lifeboat.targets.control.Targets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A target's encryption: whom its backups are encrypted for, and which key its restores use. */
@Path("targets/{name}/encryption")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TargetEncryptionResource {

    @Inject
    Targets targets;
    @Inject
    TargetEncryptions encryptions;

    @GET
    @RolesAllowed("viewer")
    public EncryptionJson get(@PathParam("name") String name) {
        targets.require(name);
        return encryptions.find(name).map(this::json).orElseThrow(() -> new Problem(Response.Status.NOT_FOUND,
                "Not encrypted", "Backups of '" + name + "' are not encrypted. Encrypt them with PUT /api/targets/"
                + name + "/encryption {\"recipients\": [\"age1…\"]}."));
    }

    @PUT
    @RolesAllowed("admin")
    public EncryptionJson put(@PathParam("name") String name, EncryptionRequest request) {
        targets.require(name);
        return json(encryptions.configure(name, request));
    }

    @DELETE
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        targets.require(name);
        encryptions.remove(name);
        return Response.noContent().build();
    }

    private EncryptionJson json(TargetEncryption encryption) {
        var settings = encryption.settings();
        var recipients = settings.recipients().stream().map(X25519Recipient::new)
                .map(r -> new EncryptionJson.RecipientJson(r.publicKey(), r.fingerprint())).toList();
        return new EncryptionJson(encryption.target(), !recipients.isEmpty() || settings.passphraseAlias() != null,
                recipients, settings.passphraseAlias(), settings.identityAlias(),
                encryptions.identityFingerprint(encryption.target(), settings), encryption.updatedAt());
    }
}
