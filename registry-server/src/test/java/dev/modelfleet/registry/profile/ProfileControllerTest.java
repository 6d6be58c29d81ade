package dev.modelfleet.registry.profile;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The web layer's contract for bad requests (the web slice; the service is not involved). */
@WebMvcTest(ProfileController.class)
@WithMockUser(roles = "PUBLISHER")
class ProfileControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean ProfileCatalog catalog;

  @Test
  void invalidFieldsAreAValidationProblemNamingTheField() throws Exception {
    mvc.perform(
            post("/api/v1/profiles")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"p\",\"arch\":\"ARM 64!\",\"minRamMb\":-1}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.type").value("https://modelfleet.dev/problems/validation-failed"))
        .andExpect(jsonPath("$.errors[*].field").isNotEmpty());
  }

  @Test
  void malformedJsonIsAMalformedRequestProblemWithoutInternals() throws Exception {
    mvc.perform(
            post("/api/v1/profiles")
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Exception"))));
  }
}
