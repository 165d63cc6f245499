import { describe, expect, it } from "vitest";
import {
  manifestImages,
  mirrorBase,
  mirroredImage,
  mirroredUrl,
  mirrorPath,
  mirrorSchema,
  qualifiedImage,
  registryAddress,
  registryHost,
  registrySchema,
  registryScheme,
} from "./download-sources";

const accepts = (schema: typeof mirrorSchema, value: string) => schema.safeParse(value).success;

describe("mirror and registry values", () => {
  it("takes http(s) base URLs with a port and path, and nothing a unit or script would misread", () => {
    for (const good of [
      "https://mirror.example.com",
      "https://mirror.example.com/flatcar/",
      "http://10.0.0.5:8080",
      "http://[fd00::5]:8080/a/b",
    ])
      expect(accepts(mirrorSchema, good), good).toBe(true);
    for (const bad of [
      "ftp://mirror.example.com",
      "mirror.example.com",
      "https://user:secret@mirror.example.com",
      "https://mirror.example.com/?q=1",
      "https://mirror.example.com/#top",
      "https://mirror.example.com/a b",
      "https://mirror.example.com/$(reboot)",
      "https://mirror.example.com:70000",
      "https://Mirror.Example.com",
    ])
      expect(accepts(mirrorSchema, bad), bad).toBe(false);
    const result = mirrorSchema.safeParse("ftp://x");
    expect(result.success ? "" : result.error.issues[0]?.message).toMatch(
      /^an http:\/\/ or https:\/\/ address .*e\.g\. https:\/\/mirror\.example\.com\/flatcar$/,
    );
  });

  it("takes a registry host with a port and a path, with http:// for one without TLS", () => {
    for (const good of [
      "registry.example.com",
      "registry.example.com:5000",
      "registry.example.com/mirror/k8s",
      "http://10.0.0.5:5000/mirror",
      "https://registry.example.com",
    ])
      expect(accepts(registrySchema, good), good).toBe(true);
    for (const bad of [
      "registry.example.com/Mirror",
      "registry.example.com:0",
      "oci://registry.example.com",
      "registry.example.com/a b",
      "registry.example.com//x",
    ])
      expect(accepts(registrySchema, bad), bad).toBe(false);
  });
});

describe("where things come from", () => {
  it("puts other hosts' files below the mirror at <host>/<path>", () => {
    const upstream = "https://github.com/kubereboot/kured/releases/download/1.23.0/k.yaml";
    expect(mirrorPath(upstream)).toBe(
      "github.com/kubereboot/kured/releases/download/1.23.0/k.yaml",
    );
    expect(mirroredUrl(upstream, "https://m.example.com/base/")).toBe(
      "https://m.example.com/base/github.com/kubereboot/kured/releases/download/1.23.0/k.yaml",
    );
    expect(mirroredUrl(upstream, "")).toBe(upstream);
    expect(mirrorBase("http://m:8080///")).toBe("http://m:8080");
  });

  it("names images below the registry under their upstream", () => {
    expect(mirroredImage("registry.k8s.io/pause:3.10", "http://10.0.0.5:5000/mirror")).toBe(
      "10.0.0.5:5000/mirror/registry.k8s.io/pause:3.10",
    );
    expect(mirroredImage("quay.io/x/y:1", "")).toBe("quay.io/x/y:1");
    expect(registryAddress("https://r.example.com/a/")).toBe("r.example.com/a");
    expect(registryHost("http://10.0.0.5:5000/mirror")).toBe("10.0.0.5:5000");
    expect(registryScheme("http://10.0.0.5:5000")).toBe("http");
    expect(registryScheme("r.example.com")).toBe("https");
  });

  it("finds a manifest's images, qualified", () => {
    expect(
      manifestImages(
        'image: "nginx:1"\n- image: quay.io/a/b:2 # x\nimagePullPolicy: IfNotPresent\n',
      ),
    ).toEqual(["docker.io/library/nginx:1", "quay.io/a/b:2"]);
  });

  it("qualifies Docker Hub names as containerd does", () => {
    expect(qualifiedImage("nginx:1")).toBe("docker.io/library/nginx:1");
    expect(qualifiedImage("flannel/flannel:v1")).toBe("docker.io/flannel/flannel:v1");
    expect(qualifiedImage("ghcr.io/a/b:1")).toBe("ghcr.io/a/b:1");
    expect(qualifiedImage("localhost/a:1")).toBe("localhost/a:1");
    expect(qualifiedImage("10.0.0.5:5000/a:1")).toBe("10.0.0.5:5000/a:1");
  });
});
