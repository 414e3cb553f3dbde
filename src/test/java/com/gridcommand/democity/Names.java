package com.gridcommand.democity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Fictional Chinese names for people and places; each is handed out once. */
final class Names {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏方邹孟熊秦邱江尹薛段雷侯龙陶贺顾毛郝龚邵钱严戴孔汤应楼鲍屠";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕红梅晓东雪琴凤云飞鹏辉波斌宇浩婷玲林峰亮慧鑫佳文德福祥荣春秋松柏";
    private static final String VILLAGE_FIRST = "前后上下东西南北大小新石山塘溪湖桥林竹梅杨柳黄白青洪金龙凤横沙岩";
    private static final String VILLAGE_SECOND = "洋岙塘坑岭湾垟山桥溪埠田港浦坦岩头庄";
    private static final List<String> URBAN = List.of(
            "文昌", "新华", "玉湖", "城东", "城西", "中山", "和平", "人民", "解放", "建设", "光明", "幸福",
            "兴华", "锦绣", "翠苑", "春晖", "望江", "学府", "丰泽", "育才", "清风", "明月", "桂花", "紫薇");
    private static final List<String> STREET_WORDS = List.of(
            "人民", "解放", "文化", "建设", "新华", "中山", "和平", "光明", "学府", "商贸", "振兴", "环城",
            "府前", "青年", "工业", "体育", "迎宾", "兴业", "丹霞", "赤城", "始丰", "育英", "兴园", "花园");

    private final DemoRandom random;
    private final Set<String> used = new HashSet<>();

    Names(DemoRandom random) {
        this.random = random;
    }

    String person() {
        for (int attempt = 0; ; attempt++) {
            String name = SURNAMES.charAt(random.between(0, SURNAMES.length() - 1))
                    + given(attempt > 50 ? 2 : random.chance(0.6) ? 2 : 1);
            if (used.add("person:" + name)) return name;
        }
    }

    private String given(int length) {
        var sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(GIVEN.charAt(random.between(0, GIVEN.length() - 1)));
        return sb.toString();
    }

    /** A village stem such as 前洋 or 下岙. */
    String villageStem() {
        for (;;) {
            String stem = "" + VILLAGE_FIRST.charAt(random.between(0, VILLAGE_FIRST.length() - 1))
                    + VILLAGE_SECOND.charAt(random.between(0, VILLAGE_SECOND.length() - 1));
            if (used.add("place:" + stem)) return stem;
        }
    }

    /** An urban community stem such as 文昌; falls back to village-style stems when the list runs out. */
    String urbanStem() {
        for (String stem : URBAN) {
            if (used.add("place:" + stem)) return stem;
        }
        return villageStem();
    }

    String streetWord() {
        for (String word : STREET_WORDS) {
            if (used.add("street:" + word)) return word;
        }
        return villageStem();
    }

    /** A made-up mobile number in a block no operator hands out (170-0000-xxxx style). */
    String phone() {
        return String.format("1700%03d%04d", random.between(0, 999), random.between(0, 9999));
    }
}
