package io.kb4sync.server.web;

/**
 * The sign-in page: a labelled form for a local account and, when {@code server.oidc} is set, a
 * link to sign in with Microsoft. No script, no inline style: the strict Content-Security-Policy
 * holds.
 */
final class LoginPage {
  private LoginPage() {}

  /**
   * @param message a one-line problem to show, or null
   * @param name the name to fill in again, or null
   */
  static String render(String next, String message, String name, boolean entra) {
    StringBuilder html = new StringBuilder(1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Sign in · kb4sync</title>\n")
        .append("<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n")
        .append("<main class=\"sign-in\">\n<h1>Sign in to kb4sync</h1>\n");
    if (message != null) {
      html.append("<p role=\"alert\" id=\"sign-in-problem\">")
          .append(Html.escape(message))
          .append("</p>\n");
    }
    html.append("<form method=\"post\" action=\"/login\"")
        .append(message != null ? " aria-describedby=\"sign-in-problem\"" : "")
        .append(">\n")
        .append("<input type=\"hidden\" name=\"next\" value=\"")
        .append(Html.escape(next))
        .append("\">\n")
        .append("<p><label for=\"name\">Name</label>\n")
        .append("<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"username\"")
        .append(" autocapitalize=\"none\" spellcheck=\"false\" required value=\"")
        .append(Html.escape(name))
        .append("\"></p>\n")
        .append("<p><label for=\"password\">Password</label>\n")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></p>\n")
        .append("<p><button type=\"submit\">Sign in</button></p>\n</form>\n");
    if (entra) {
      html.append("<p><a href=\"/auth/entra?next=")
          .append(
              Html.escape(
                  java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)))
          .append("\">Sign in with Microsoft</a></p>\n");
    }
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** A page that only says why a sign-in was refused, with a way back. */
  static String refused(String title, String message) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>"
        + Html.escape(title)
        + " · kb4sync</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n"
        + "<body>\n<main class=\"sign-in\">\n<h1>"
        + Html.escape(title)
        + "</h1>\n<p role=\"alert\">"
        + Html.escape(message)
        + "</p>\n<p><a href=\"/login\">Back to sign-in</a></p>\n</main>\n</body>\n</html>\n";
  }
}
