package dev.ess.compiler.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WSDLs compiled earlier in this JVM, by the hash of every document they are made of and the stub
 * package: an IDE's incremental builds and a multi-module build run wsimport once per WSDL, not
 * once per build. Only compilations without any diagnostic are kept, so a warning is never lost.
 */
public final class CompiledWsdls {

    /** The one a build tool's runs share. */
    public static final CompiledWsdls SHARED = new CompiledWsdls(32);

    private final Map<String, PartnerService> entries;

    /** @param capacity how many compiled WSDLs to keep; the least recently used go first */
    public CompiledWsdls(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PartnerService> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<PartnerService> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(String key, PartnerService service) {
        entries.put(key, service);
    }

    /** What a compilation depends on: the stub package and every document's path and bytes. */
    static String key(WsdlSources sources, String stubPackage) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(stubPackage.getBytes(StandardCharsets.UTF_8));
            sources.contents().forEach((file, bytes) -> {
                digest.update((byte) 0);
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
