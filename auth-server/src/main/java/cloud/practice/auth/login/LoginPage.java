package cloud.practice.auth.login;

import cloud.practice.auth.codes.CodePurpose;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.codes.TooManyCodes;
import cloud.practice.auth.people.Accounts;
import cloud.practice.support.privacy.RealName;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;

/**
 * The login page of the authorization code flow, server-rendered (UTF-8, Chinese labels, no external assets): a
 * password form ({@code POST /login}: login name or mobile, password), a form that sends a login code
 * ({@code POST /login/code/send}) and a code form ({@code POST /login/code}). Sending follows the code rules of
 * {@link OneTimeCodes}; a number without an account gets the same answer and no message.
 */
@Controller
public class LoginPage {

    private final OneTimeCodes codes;
    private final Accounts accounts;

    public LoginPage(OneTimeCodes codes, Accounts accounts) {
        this.codes = codes;
        this.accounts = accounts;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page(HttpServletRequest request) {
        String notice = null;
        if (request.getParameter("error") != null) {
            notice = "登录失败：账号、密码或验证码不正确，或账号已停用。";
        } else if (request.getParameter("sent") != null) {
            notice = "如该手机号已注册，验证码已发送，请查收短信。";
        } else if (request.getParameter("logout") != null) {
            notice = "您已退出登录。";
        }
        return html(HttpStatus.OK, render(request, notice));
    }

    @PostMapping(value = "/login/code/send", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> sendCode(@RequestParam(name = "mobile", required = false) String mobile,
                                           HttpServletRequest request) {
        String number = mobile == null ? "" : mobile.strip();
        if (!number.matches(RealName.PHONE)) {
            return html(HttpStatus.BAD_REQUEST, render(request, "请输入正确的手机号码。"));
        }
        String normal = RealName.mobile(number);
        try {
            codes.issue(normal, CodePurpose.LOGIN, request.getRemoteAddr(),
                    accounts.byMobile(normal).filter(account -> account.active()).isPresent());
        } catch (TooManyCodes tooMany) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()))
                    .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                    .body(render(request, "验证码发送过于频繁，请 " + tooMany.retryAfterSeconds() + " 秒后再试。"));
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/login?sent")).build();
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(body);
    }

    private static String render(HttpServletRequest request, String notice) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String hidden = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" href="data:,">
                <title>登录 · 新时代文明实践</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#222}
                h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
                label{display:block;margin:.6rem 0 .2rem}
                input[type=text],input[type=password],input[type=tel]{width:100%%;padding:.5rem;box-sizing:border-box}
                button{margin-top:.8rem;padding:.5rem 1rem}
                .notice{padding:.6rem;background:#fff4e5;border:1px solid #f0c36d}
                </style>
                </head>
                <body>
                <main>
                <h1>新时代文明实践 · 登录</h1>
                %s
                <section aria-labelledby="password-login">
                <h2 id="password-login">账号密码登录</h2>
                <form method="post" action="/login">
                <label for="username">账号或手机号</label>
                <input type="text" id="username" name="username" autocomplete="username" required>
                <label for="password">密码</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>
                %s
                <button type="submit">登录</button>
                </form>
                </section>
                <section aria-labelledby="code-login">
                <h2 id="code-login">短信验证码登录</h2>
                <form method="post" action="/login/code/send">
                <label for="send-mobile">手机号</label>
                <input type="tel" id="send-mobile" name="mobile" autocomplete="tel" inputmode="numeric" required>
                %s
                <button type="submit">发送验证码</button>
                </form>
                <form method="post" action="/login/code">
                <label for="code-mobile">手机号</label>
                <input type="tel" id="code-mobile" name="mobile" autocomplete="tel" inputmode="numeric" required>
                <label for="code">验证码</label>
                <input type="text" id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6" required>
                %s
                <button type="submit">验证码登录</button>
                </form>
                </section>
                </main>
                </body>
                </html>
                """.formatted(notice == null ? "" : "<p class=\"notice\" role=\"alert\">" + HtmlUtils.htmlEscape(notice)
                + "</p>", hidden, hidden, hidden);
    }
}
