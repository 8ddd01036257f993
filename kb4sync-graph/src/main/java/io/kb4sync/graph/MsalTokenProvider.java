package io.kb4sync.graph;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.AccessToken;
import io.kb4sync.http.HttpFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Tokens through Microsoft's own library, msal4j, for https login hosts: a client secret or a
 * PKCS#12 certificate (msal4j signs the client assertion). Its requests go through {@link
 * MsalTransport}, i.e. kb4sync-http, never msal4j's own HTTP client. msal4j refuses http
 * authorities, so a loopback simulator is reached either with {@link
 * ClientCredentialsTokenProvider} or, to test this class itself, by keeping the https authority and
 * handing msal4j a transport that sends its requests elsewhere (see the {@link
 * #MsalTokenProvider(GraphSettings, IHttpClient)} constructor).
 */
public final class MsalTokenProvider implements TokenProvider {
  private final GraphSettings settings;
  private final ConfidentialClientApplication app;

  /** msal4j over kb4sync-http with the default options, as production uses it. */
  public MsalTokenProvider(GraphSettings settings) {
    this(settings, GraphOptions.defaults());
  }

  /** msal4j over kb4sync-http with these timeouts and retries. */
  public MsalTokenProvider(GraphSettings settings, GraphOptions options) {
    this(
        settings,
        new MsalTransport(GraphDirectorySource.signIn(settings, options), options.retry()),
        true);
  }

  /**
   * msal4j with a given transport (tests: one that redirects to a simulator). Instance discovery is
   * then switched off: it would ask the real login host which authorities exist, which a redirected
   * transport cannot answer and which adds nothing for the fixed hosts of {@link GraphCloud}.
   *
   * @param transport every msal4j request goes through it
   * @throws IllegalArgumentException when the login URL is not https, or the certificate cannot be
   *     read (one line naming the key)
   */
  public MsalTokenProvider(GraphSettings settings, IHttpClient transport) {
    this(settings, transport, false);
  }

  private MsalTokenProvider(GraphSettings settings, IHttpClient transport, boolean discovery) {
    this.settings = settings;
    if (EndpointUrls.isHttp(settings.effectiveLoginUrl())) {
      throw new IllegalArgumentException(
          "login_url: msal4j needs an https login host; http loopback hosts use the form-POST"
              + " token client");
    }
    String authority = settings.effectiveLoginUrl() + "/" + settings.tenantId() + "/";
    try {
      this.app =
          ConfidentialClientApplication.builder(settings.clientId(), credential(settings))
              .authority(authority)
              .httpClient(transport)
              .instanceDiscovery(discovery)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("login_url: not a valid authority " + authority, e);
    }
  }

  @Override
  public AccessToken token() {
    ClientCredentialParameters parameters =
        ClientCredentialParameters.builder(Set.of(settings.scope())).build();
    try {
      IAuthenticationResult result = app.acquireToken(parameters).get();
      return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GraphErrors.interrupted(GraphErrors.SIGN_IN, settings.tenantId());
    } catch (ExecutionException | CompletionException e) {
      throw translate(e.getCause() == null ? e : e.getCause());
    } catch (MsalException e) {
      throw translate(e);
    }
  }

  private RemoteException translate(Throwable failure) {
    String tenant = settings.tenantId();
    if (failure instanceof MsalServiceException service) {
      // msal4j puts error_description in the message and the OAuth "error" in errorCode.
      int status = service.statusCode() == null ? 0 : service.statusCode();
      return GraphErrors.signInFailure(
          tenant, status, service.getMessage(), service.errorCode(), null);
    }
    Throwable cause = failure;
    while (cause != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    if (cause instanceof HttpFailure http) {
      return GraphErrors.failure(GraphErrors.SIGN_IN, tenant, "POST", settings.tokenUrl(), http);
    }
    if (cause instanceof IOException io) {
      return GraphErrors.unreachable(GraphErrors.SIGN_IN, tenant, "POST", settings.tokenUrl(), io);
    }
    String what =
        failure instanceof MsalException msal && msal.errorCode() != null
            ? msal.errorCode()
            : failure.getClass().getSimpleName();
    return GraphErrors.signInFailure(tenant, 0, null, what, null);
  }

  private static IClientCredential credential(GraphSettings settings) {
    if (!settings.usesCertificate()) {
      return ClientCredentialFactory.createFromSecret(settings.clientSecret());
    }
    String password = settings.certificatePassword() == null ? "" : settings.certificatePassword();
    try (InputStream in = Files.newInputStream(settings.certificatePath())) {
      return ClientCredentialFactory.createFromCertificate(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "certificate_path: cannot read "
              + settings.certificatePath()
              + " as PKCS#12 with its certificate_password ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }
}
