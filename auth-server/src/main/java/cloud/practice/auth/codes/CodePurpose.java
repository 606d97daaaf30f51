package cloud.practice.auth.codes;

/** What a one-time code is for; a code of one purpose never serves the other. */
public enum CodePurpose {
    SIGN_UP("注册"), LOGIN("登录");

    private final String words;

    CodePurpose(String words) {
        this.words = words;
    }

    /** How the message names it. */
    public String words() {
        return words;
    }
}
