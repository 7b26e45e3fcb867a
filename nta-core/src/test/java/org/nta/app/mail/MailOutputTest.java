package org.nta.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailOutputTest {
    @Test
    void emlNameIsTheSubjectCutAtAHundredCharacters() {
        assertThat(MailOutput.emlName(null)).isEqualTo("message.eml");
        assertThat(MailOutput.emlName("  ")).isEqualTo("message.eml");
        assertThat(MailOutput.emlName(" Hello ")).isEqualTo("Hello.eml");
        assertThat(MailOutput.emlName("x".repeat(150))).isEqualTo("x".repeat(100) + ".eml");
    }

    @Test
    void emlNameNeverEndsInHalfASurrogatePair() {
        String subject = "a" + "\uD83D\uDE00".repeat(120); // 'a' then emoji: the 100th character is an emoji
        String name = MailOutput.emlName(subject);
        assertThat(name).endsWith("\uD83D\uDE00.eml");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(104);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) assertThat(Character.isLowSurrogate(name.charAt(i + 1))).isTrue();
        }
    }
}
