package org.gongkai.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy, in-memory backend) on 127.0.0.1, in its own JVM so that its libraries never
 * meet Spark's. Credentials are made up per run and handed to the clients as configuration.
 */
final class S3Server implements AutoCloseable {

  final String endpoint;
  final String accessKey = "it-" + UUID.randomUUID().toString().substring(0, 8);
  final String secretKey = UUID.randomUUID().toString();
  private final Process process;

  S3Server(Path workDir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    endpoint = "http://127.0.0.1:" + port;
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=transient",
        "jclouds.identity=" + accessKey,
        "jclouds.credential=" + secretKey,
        "s3proxy.ignore-unknown-headers=true", ""));
    Path jar = Path.of(System.getProperty("s3proxy.jar", "target/it/s3proxy.jar"));
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-jar", jar.toString(), "--properties", properties.toString())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("s3proxy.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        break;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: " + Files.readString(workDir.resolve("s3proxy.log")));
        }
        Thread.sleep(200);
      }
    }
  }

  S3Client client() {
    return S3Client.builder().endpointOverride(URI.create(endpoint)).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** The Hadoop settings of s3a for this server (path-style, plain HTTP, these credentials). */
  void configure(org.apache.hadoop.conf.Configuration conf) {
    conf.set("fs.s3a.endpoint", endpoint);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.change.detection.mode", "none");
    conf.set("fs.s3a.impl.disable.cache", "true");
  }

  @Override
  public void close() {
    process.destroy();
  }
}
